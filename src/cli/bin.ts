#!/usr/bin/env node
// The resilab command. Parsing and dispatch live in main.ts; this file only starts it (`list`
// takes a shorter way, see fast-list.ts).
import { fastList, fastListOptions } from './fast-list.js';

const listing = fastListOptions(process.argv);
process.exitCode = listing ? await fastList(listing) : await (await import('./main.js')).main(process.argv);
