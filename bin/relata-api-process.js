#!/usr/bin/env node
// One API process of `relata start --processes N` (forked by the primary; see src/server/api-cluster.ts).
import { register } from 'tsx/esm/api';
register();
const { runApiProcess } = await import('../src/server/api-process.ts');
await runApiProcess();
