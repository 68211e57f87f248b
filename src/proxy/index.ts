// The TCP proxy and its toxics: what the runner puts between the app and a dependency, or between
// the load/prober and the app. Imports only the ground.
export { TcpProxy } from './proxy.js';
export { KB, type Stream } from './toxic.js';
