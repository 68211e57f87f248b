#!/usr/bin/env node
// The resilab command. Parsing and dispatch live in main.ts; this file only starts it.
import { main } from './main.js';

process.exitCode = await main(process.argv);
