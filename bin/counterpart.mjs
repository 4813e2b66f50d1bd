#!/usr/bin/env node
// Runs the TypeScript command line through tsx's loader, so `npx counterpart …` works from a checkout without a build.
// The loader is given the checkout's tsconfig (for its `@common/*` path alias): by itself it would look for one in the
// folder the command is run from.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import(new URL('../main/cli.ts', import.meta.url).href);
