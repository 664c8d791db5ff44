import { defaultConfig } from '../../src/config/types.js';
import { databaseOf } from '../../src/database/index.js';
import type { DatabaseModel } from '../../src/database/types.js';
import type { Notification } from '../../src/engine/finding.js';
import { scanVirtual } from '../../src/engine/scan.js';
import type { ProjectModel } from '../../src/model/types.js';

/** Scan a small project and return the database computed from its migrations. */
export async function databaseFor(files: Record<string, string>): Promise<{ db: DatabaseModel; notifications: Notification[] }> {
  let model: ProjectModel | undefined;
  const result = await scanVirtual(files, { config: defaultConfig(), offline: true, onModel: (m) => (model = m) });
  return { db: databaseOf(model!), notifications: result.notifications };
}
