import type { DemoScene } from '../scenes.js';

export const checkinsScenes: DemoScene[] = [];
