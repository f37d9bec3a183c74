import { seriesColour } from '../../core/series';
import { drawStepSamples } from '../stepSamples';
import type { FitLayer } from './context';

/** sgd, minibatch: the samples the step to this frame used, ringed in the series' colour (with residuals). */
export const stepSamples: FitLayer = {
  id: 'stepSamples',
  applies: (c) => c.two === undefined && c.score === undefined && c.scene.series.some((s) => s.samples !== undefined),
  make: ({ scene, plot, style, pointRadius }) => ({
    drawFrame(ctx, frame) {
      for (let i = scene.series.length - 1; i >= 0; i--) {
        drawStepSamples(ctx, plot, scene.fit, scene.data, scene.series[i], frame.iteration, seriesColour(style, i), pointRadius, style);
      }
    },
  }),
};
