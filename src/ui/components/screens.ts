/**
 * The screens after the menu, and the machine compiler they need. Loaded by app.tsx after the
 * menu's first frame (see loadScreens): together they pull in XState and most of the core.
 */
export { compile } from '../../core/play/machine.js';
export { Briefing } from './briefing.js';
export { Debrief } from './debrief.js';
export { PlayScreen } from './play-screen.js';
