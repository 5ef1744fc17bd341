// The installed simple-icons data, read as main reads it at run time, for the brand icon tests.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { brandRows, type SimpleIconsEntry } from '../../../shared/brand-icons/catalogue';
import { createBrandMatcher } from '../../../shared/brand-icons/matcher';

const require = createRequire(import.meta.url);
export const SIMPLE_ICONS_JSON = require.resolve('simple-icons/icons.json');
export const ENTRIES = JSON.parse(readFileSync(SIMPLE_ICONS_JSON, 'utf8')) as SimpleIconsEntry[];
export const ROWS = brandRows(ENTRIES);
export const matcher = createBrandMatcher(ROWS);
