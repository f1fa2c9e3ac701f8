import type { Migration } from '../migrate';
import core from './0001_core';
import ploomes from './0002_ploomes';
import boletos from './0003_boletos';
import cvdw from './0004_cvdw';
import schedules from './0005_schedules';
import realestate from './0006_realestate';
import chatwoot from './0007_chatwoot';

/** Every company database migration, in order. Never edit one that has landed: add a new one. */
export const companyMigrations: readonly Migration[] = [core, ploomes, boletos, cvdw, schedules, realestate, chatwoot];
