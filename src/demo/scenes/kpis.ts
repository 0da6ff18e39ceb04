import type { DemoScene } from '../scenes.js';

export const kpisScenes: DemoScene[] = [];
