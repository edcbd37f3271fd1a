// Installs dependencies when node_modules is missing or older than package-lock.json,
// so the README's two commands work on a fresh clone.
import { existsSync, statSync } from 'node:fs';
import { execSync } from 'node:child_process';

const lock = 'package-lock.json';
const marker = 'node_modules/.package-lock.json';
const stale = !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs);
if (stale) {
  console.log('Installing dependencies (npm ci)…');
  execSync(existsSync(lock) ? 'npm ci' : 'npm install', { stdio: 'inherit' });
}
