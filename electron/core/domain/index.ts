// The domain: the record model shared by the core and the renderer. Pure: no I/O, no Node built-ins.

export * from './contents.ts';
export * from './errors.ts';
export * from './hash.ts';
export * from './image-size.ts';
export * from './markdown.ts';
export * from './record.ts';
export * from './reference.ts';
export * from './template.ts';
export * from './text.ts';
export * from './workflow.ts';
export * from './settings.ts';
export * from './views.ts';
export * from './signing.ts';
export * from './trust.ts';
export * from './publication.ts';

export * from './template-rules.ts';
