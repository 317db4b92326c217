// Prints what the widget costs a page: each file of the release build raw, gzip and brotli (as the desk serves
// it), when it is fetched, the first-open total and what opening each split view adds (scripts/build/sizes.mjs).
import { BUDGETS, measure, table } from '../build/sizes.mjs';

const sizes = measure(process.argv[2] ?? 'dist');
console.log(`Widget bundle sizes\n${table(sizes)}`);
const loader = sizes.files.find((f) => f.name === 'loader.js');
console.log(`loader brotli: ${loader.brotli} bytes (budget ${BUDGETS.loader})`);
console.log(`first open brotli: ${sizes.firstOpen.brotli} bytes (budget ${BUDGETS.firstOpen})`);
