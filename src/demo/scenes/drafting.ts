import type { DemoScene } from '../scenes.js';

export const draftingScenes: DemoScene[] = [];
