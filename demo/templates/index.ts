// The demo page templates by name (demo/outlets.ts TemplateName), one module each.
import type { TemplateName } from '../outlets.js';
import { adsplit } from './adsplit.js';
import { aggregator } from './aggregator.js';
import { minimal } from './minimal.js';
import { modern } from './modern.js';
import type { Template } from './page.js';
import { paywall } from './paywall.js';
import { regional } from './regional.js';

/** Every template, sorted by name. */
export const templates: Record<TemplateName, Template> = { adsplit, aggregator, minimal, modern, paywall, regional };
