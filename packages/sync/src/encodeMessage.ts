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

/**
 * A message whose payload is one length-prefixed byte array (awareness, sync updates): sized
 * exactly, the payload copied once (an encoder would grow, then copy everything again).
 */
export function messageOf(type: number, prefix: readonly number[], payload: Uint8Array) {
  const header = [type, ...prefix];
  let length = payload.byteLength;
  while (length > 0x7f) {
    header.push(0x80 | (length & 0x7f));
    length = Math.floor(length / 0x80);
  }
  header.push(length);
  const message = new Uint8Array(header.length + payload.byteLength);
  message.set(header);
  message.set(payload, header.length);
  return message;
}
