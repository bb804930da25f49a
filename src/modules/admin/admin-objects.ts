import type { ObjectDefinition } from '../../platform/records/index.js';
import { customerObject } from '../customers/index.js';

/** Objects whose custom fields and role grants admins manage. A new object module registers here. */
export const MANAGED_OBJECTS: ReadonlyMap<string, ObjectDefinition> = new Map([[customerObject.name, customerObject]]);

export const MANAGED_OBJECT_NAMES: readonly string[] = [...MANAGED_OBJECTS.keys()];
