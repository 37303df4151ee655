export { type ActionField, type ConsoleAction, consoleActions, type ViewerAction } from './console-actions.js';
export { authenticatedActor, type ConsoleDeps, consoleEndpoints, localActor } from './console-endpoints.js';
export { type Art33Countdown, art33Countdown } from './countdown.js';
