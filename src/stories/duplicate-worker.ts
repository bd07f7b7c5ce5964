// The duplicate table's thread (see duplicate-thread.ts).
import { workerData } from 'node:worker_threads';
import { serveDuplicateTable } from './duplicate-thread.js';

const { shared, options } = workerData as { shared: SharedArrayBuffer; options: Parameters<typeof serveDuplicateTable>[1] };
serveDuplicateTable(shared, options);
