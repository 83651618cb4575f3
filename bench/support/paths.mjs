import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The compiled server every benchmark measures. */
export const SERVER = join(ROOT, 'dist', 'main.js');
/** The hello-world baseline. */
export const HELLO = fileURLToPath(new URL('./hello.mjs', import.meta.url));
