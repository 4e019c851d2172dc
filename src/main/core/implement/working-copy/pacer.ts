// The pacer the working copy's walks use: the core's one (`core/pacer.ts`), shared with the tree writer.

export { createPacer } from '../../pacer';
