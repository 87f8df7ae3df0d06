// One socket message as bytes: its type, then the payload. Shared by the room and the
// connection so neither has to reach into the other for it.
import * as encoding from 'lib0/encoding';

/** A whole message: type, then the payload written by `write`. */
export function encodeMessage(type: number, write: (encoder: encoding.Encoder) => void) {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}
