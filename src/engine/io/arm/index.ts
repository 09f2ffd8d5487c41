import type { FormatReader } from '../core/reader';
import { readArmTemplateDocuments } from './template';

/** Compiled ARM templates (`az bicep build` output) read as designs: planned entities and role assignments. */

/** The ARM template format's reader: each template is read on its own, placed where its options say it is deployed. */
export const armTemplateReader: FormatReader = (files) =>
  files.map((source) =>
    readArmTemplateDocuments(
      source.parsed(),
      source.file,
      {
        ...(source.options.deployment !== undefined ? { deployment: source.options.deployment } : {}),
        ...(source.options.armParameters !== undefined ? { parameterInputs: source.options.armParameters } : {}),
      },
    ),
  );
