import { addAttester, removeAttester } from "./attesters.js";
import { cancelScheduledParameter } from "./cancel-scheduled-parameter.js";
import { cancelCuDefinition, scheduleCuDefinition } from "./cu-definition.js";
import { rawCall } from "./call.js";
import { pause, unpause } from "./pause.js";
import { addRelayer, removeRelayer } from "./relayers.js";
import { grantRole, revokeRole } from "./roles.js";
import { setFunctionRole } from "./set-function-role.js";
import { setParameterBounds } from "./set-parameter-bounds.js";
import { setParameterRules } from "./set-parameter-rules.js";
import { setParameter } from "./set-parameter.js";
import { scheduleParameter } from "./schedule-parameter.js";
import { setOracleFeed } from "./set-oracle-feed.js";
import { setSetting } from "./set-setting.js";
import type { IntentKind } from "./types.js";

export * from "./types.js";

/**
 * Every intent kind, in the order decoding tries them: specific kinds first, the raw call last (it
 * recognises everything). Protocol domains add their kinds (set an oracle feed, schedule a CU definition,
 * add or remove an attester or relayer) in their own files and list them here, before `rawCall`.
 */
export const INTENTS: readonly IntentKind[] = [
  setParameter,
  scheduleParameter,
  cancelScheduledParameter,
  setParameterBounds,
  setParameterRules,
  setSetting,
  grantRole,
  revokeRole,
  setFunctionRole,
  pause,
  unpause,
  // Protocol domains.
  setOracleFeed,
  scheduleCuDefinition,
  cancelCuDefinition,
  addAttester,
  removeAttester,
  addRelayer,
  removeRelayer,
  rawCall,
] as unknown as readonly IntentKind[];

/** The intent kind named `kind`, or undefined. */
export function intentKind(kind: string): IntentKind | undefined {
  return INTENTS.find((i) => i.kind === kind);
}
