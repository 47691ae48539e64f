/**
 * The OOXML schema check used by every test that writes a .docx or .xlsx: ECMA-376 transitional
 * schemas, validated by libxml2 compiled to WebAssembly, inside Node (tests/tools/ooxml).
 */
export { validateOoxml, type OoxmlVerdict } from '../tools/ooxml/validate';
