import { DatabaseEngine } from '../../src/modules/flashsale/index.js';
import { describeAdmissionEngine } from '../contract/admission-engine.js';

// The database engine keeps the admission contract, on PGlite, and on PostgreSQL when DATABASE_URL is set.
describeAdmissionEngine('database', async (db) => new DatabaseEngine(db));
