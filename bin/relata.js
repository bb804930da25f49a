#!/usr/bin/env node
// Entry point: runs the TypeScript CLI through tsx's loader so no build step is needed on the server side.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/main.ts');
