import { admin } from './admin';
import { auth } from './auth';
import { billing } from './billing';
import { common } from './common';
import { instances } from './instances';
import { nav } from './nav';
import { settings } from './settings';

/** Every area's catalog; an area's keys are addressed as `<area>.<key>`. */
export const messages = { common, auth, nav, instances, billing, settings, admin };
export type Messages = typeof messages;
