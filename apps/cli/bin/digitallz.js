#!/usr/bin/env node
// The CLI is TypeScript run through tsx, resolved from this package so it works from any folder.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
