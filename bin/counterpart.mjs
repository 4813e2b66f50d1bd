#!/usr/bin/env node
// Runs the TypeScript command line through tsx's loader, so `npx counterpart …` works from a checkout without a build.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../main/cli.ts', import.meta.url).href);
