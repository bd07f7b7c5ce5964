// Articles written for these tests: one event told by three outlets, a wire copy, two similar but
// different events, and the same event in Russian and English.

/** Hours after a fixed start, as ISO 8601. */
export const at = (hours: number): string => new Date(Date.UTC(2026, 2, 2, 6) + hours * 3_600_000).toISOString();

export const wireOriginal = {
  id: 'wire-1', source: 'newswire', url: 'https://newswire.example/2026/03/02/lisbon-bridge-closed', published: at(0),
  title: 'Lisbon closes April 25th Bridge after cargo ship strikes pillar',
  text: [
    'Portuguese authorities closed the April 25th Bridge in Lisbon to all traffic on Monday after a cargo ship struck one of its pillars during a storm on the Tagus River.',
    'The vessel, the Maersk Aurora, lost engine power shortly after leaving the port, the harbour master Rui Valente told reporters.',
    'Engineers from the national roads agency were inspecting the damaged pillar and said the bridge would stay shut at least until Wednesday.',
    'Commuter trains that cross the lower deck were cancelled, and ferries added extra crossings between Lisbon and Almada.',
    'Nobody was injured, the port authority said, but the ship is stuck against the pillar and tugs are waiting for the wind to drop.',
  ].join('\n'),
};

/** The same wire text re-posted by another outlet with a dateline and a credit line. */
export const wireCopy = {
  ...wireOriginal, id: 'wire-1-copy', source: 'metro-pulse', url: 'https://metropulse.example/world/lisbon-bridge?utm_source=rss', published: at(1),
  text: `LISBON (Newswire) — ${wireOriginal.text}\nThis story was provided by a news agency.`,
};

/** Two more outlets writing the same event in their own words. */
export const sameEvent = [
  {
    id: 'meridian-bridge', source: 'meridian', url: 'https://meridian.example/lisbon-bridge', published: at(2),
    title: 'Ship hits Lisbon bridge, closing the April 25th crossing',
    text: [
      'A cargo ship drifted into a pillar of Lisbon\'s April 25th Bridge on Monday, forcing the authorities to close the crossing over the Tagus River.',
      'The Maersk Aurora lost power in heavy wind soon after leaving port, according to harbour master Rui Valente.',
      'Engineers are checking the pillar; the bridge will remain closed until at least Wednesday while trains and cars are diverted.',
      'Extra ferries are running between Lisbon and Almada for commuters.',
    ].join('\n'),
  },
  {
    id: 'harbor-bridge', source: 'daily-harbor', url: 'https://dailyharbor.example/news/lisbon-ship-bridge', published: at(5),
    title: 'Lisbon bridge to stay shut after ship collision, engineers say',
    text: [
      'Engineers inspecting the April 25th Bridge in Lisbon said on Monday evening that the crossing would stay shut for days after a cargo ship struck a pillar.',
      'The Maersk Aurora is still pressed against the pillar in the Tagus River; tugs could not move it in the storm, harbour master Rui Valente said.',
      'Commuters crowded the ferries to Almada and train services over the bridge were cancelled.',
    ].join('\n'),
  },
];

/** A similar event (a ship, a bridge, a closure) in another city, three days later. */
export const similarEvent = {
  id: 'rotterdam-bridge', source: 'meridian', url: 'https://meridian.example/rotterdam-bridge', published: at(74),
  title: 'Rotterdam shuts Erasmus Bridge after barge collision',
  text: [
    'Dutch officials shut the Erasmus Bridge in Rotterdam on Thursday after a river barge carrying gravel struck its southern support on the Maas.',
    'Mayor Ahmed Aboutaleb said inspectors from Rijkswaterstaat would check the steel structure overnight.',
    'Trams and cyclists were sent over the Willemsbrug instead, and the barge skipper, a Belgian national, was questioned by police.',
    'The barge was towed away by the afternoon and no injuries were reported.',
  ].join('\n'),
};

/** The Lisbon event in Russian (it must never share a story with the English coverage). */
export const russianSameEvent = {
  id: 'priozerye-lisbon', source: 'priozerye', url: 'https://priozerye.example/lissabon-most', published: at(3),
  title: 'В Лиссабоне закрыли мост 25 Апреля после столкновения с судном',
  text: [
    'Власти Португалии в понедельник закрыли для движения мост 25 Апреля в Лиссабоне после того, как грузовое судно Maersk Aurora врезалось в одну из опор.',
    'По словам начальника порта Руя Валенте, судно потеряло ход во время шторма на реке Тежу.',
    'Инженеры осматривают опору, мост будет закрыт как минимум до среды. Между Лиссабоном и Алмадой пущены дополнительные паромы.',
  ].join('\n'),
};

/** A second outlet on the Rotterdam event. */
export const similarEventSecond = {
  id: 'rotterdam-bridge-2', source: 'daily-harbor', url: 'https://dailyharbor.example/rotterdam-erasmus', published: at(76),
  title: 'Erasmus Bridge in Rotterdam reopens to trams after barge strike',
  text: [
    'Trams returned to the Erasmus Bridge in Rotterdam on Thursday evening after inspectors from Rijkswaterstaat found no damage to the steel of its southern support.',
    'A gravel barge struck the support on the Maas in the morning; mayor Ahmed Aboutaleb thanked commuters for their patience.',
  ].join('\n'),
};
