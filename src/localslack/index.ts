export {
  BLOCK_KIT_LIMITS,
  type BlockSurface,
  isMessageTextTooLong,
  KNOWN_BLOCK_TYPES,
  validateBlocks,
  validateView,
} from './block-kit-limits.js';
export { describeCall } from './call-log.js';
export { LocalSlack, type LocalSlackOptions } from './local-slack.js';
export { cleanMrkdwn, type RenderOptions, renderBlocksAsText, renderViewAsText } from './render-text.js';
export {
  type AppResponse,
  type BlockActionInput,
  type BlockActionResult,
  SignedClient,
  type SignedClientOptions,
  type SlashCommandInput,
  type SlashCommandResult,
} from './signed-client.js';
export { signRequest, type VerifySlackSignatureInput, verifySlackSignature } from './signing.js';
export type {
  ApiCall,
  Fault,
  JsonObject,
  LocalChannel,
  LocalMessage,
  LocalUser,
  LocalView,
  MessageVersion,
  ResponseUrlContext,
  TriggerContext,
} from './types.js';
export {
  buildStateValues,
  clientSideErrors,
  type StateValues,
  stateValueFor,
  type ViewInputValue,
} from './view-state.js';
