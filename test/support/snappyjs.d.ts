/** snappyjs ships no types: what the Avro test writer uses of it. */
declare module 'snappyjs' {
  const snappyjs: { compress(input: Uint8Array): Uint8Array; uncompress(input: Uint8Array): Uint8Array };
  export default snappyjs;
}
