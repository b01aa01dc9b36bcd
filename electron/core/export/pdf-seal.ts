// The office's seal on a published PDF: a PAdES baseline B-B signature (CMS detached, SubFilter ETSI.CAdES.detached)
// over the whole file, the signer's certificate and its chain inside, so any PDF reader shows who sealed it and
// whether a byte changed since. The CMS is built with pkijs; @signpdf/signpdf fills the ByteRange and /Contents.
//
// Checking a seal reads a PDF from anywhere, so it runs in a bounded worker (pdf-worker.ts). It says only whether
// the seal is intact and covers the file; whether its chain ends in the office's pinned root is the caller's call.

import { createHash, type webcrypto, X509Certificate } from 'node:crypto';
import { SignPdf } from '@signpdf/signpdf';
import { DEFAULT_BYTE_RANGE_PLACEHOLDER, Signer, SIG_FLAGS, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import * as asn1js from 'asn1js';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString, type PDFRef } from 'pdf-lib';
import * as pkijs from 'pkijs';
import { DeskError, InvalidInputError } from '../domain/index.ts';
import { PDF_READ_LIMITS, type PdfReadLimits } from './pdf-attachments.ts';
import { answerInWorker, cappedPdfLib, runPdfWorker } from './pdf-worker.ts';

type CryptoKey = webcrypto.CryptoKey;

export interface SealIdentity {
  /** ECDSA P-256, or RSASSA-PKCS1-v1_5 with SHA-256 and 2048 bits or more. */
  privateKey: CryptoKey;
  /** DER: the signing certificate first, then its issuers up to the root. */
  certificates: Uint8Array[];
}

export interface SealInfo {
  name: string;
  reason: string;
  location?: string;
  contactInfo?: string;
  /** Written as the signature dictionary's M entry: PAdES has no signingTime attribute in the CMS. */
  signingTime: Date;
}

export interface PdfSealReport {
  /** A signature dictionary with a CMS is there. */
  sealed: boolean;
  /** The CMS signature verifies and its message digest matches the ByteRange bytes. */
  intact: boolean;
  /** The ByteRange covers every byte but the /Contents hole: nothing appended, no other signature. */
  coversWholeFile: boolean;
  /** ISO, from the M entry. */
  signedAt: string | null;
  signer: { subject: string; issuer: string; serialNumber: string; fingerprint: string } | null;
  /** SHA-256 hex fingerprints of every embedded certificate, signer first. */
  chain: string[];
  /** The embedded DER certificates, signer first, for the caller to check against its pinned root. */
  certificates: Uint8Array[];
  /** Plain sentences saying what is wrong; empty for a good seal. */
  problems: string[];
}

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
} as const;

/** No seal's CMS is larger: a chain of a few certificates is a few kilobytes. Past this, the check refuses to parse. */
export const MAX_SEAL_BYTES = 256 * 1024;

export const NOT_SEALED = 'not sealed: the printed text is not covered';
export const CHANGED_AFTER_SEALING = 'the PDF was changed after it was sealed';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const bufferOf = (bytes: Uint8Array) =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

// ---- Sealing ---------------------------------------------------------------------------------------------------

function parseCertificate(der: Uint8Array, index: number): pkijs.Certificate {
  try {
    return pkijs.Certificate.fromBER(bufferOf(der));
  } catch {
    throw new InvalidInputError(
      `The seal cannot be used: certificate ${index + 1} of its chain is not a DER X.509 certificate.`,
    );
  }
}

function checkKey(key: CryptoKey): void {
  const algorithm = key.algorithm as Partial<webcrypto.EcKeyAlgorithm & webcrypto.RsaHashedKeyAlgorithm>;
  if (key.type !== 'private' || !key.usages.includes('sign')) {
    throw new InvalidInputError('The seal cannot be used: its key is not a private key for signing.');
  }
  if (algorithm.name === 'ECDSA' && algorithm.namedCurve === 'P-256') return;
  if (
    algorithm.name === 'RSASSA-PKCS1-v1_5' &&
    algorithm.hash?.name === 'SHA-256' &&
    (algorithm.modulusLength ?? 0) >= 2048
  )
    return;
  throw new InvalidInputError(
    'The seal cannot be used: its key must be ECDSA P-256 or RSA (PKCS#1 v1.5, SHA-256) of 2048 bits or more.',
  );
}

/** ESS signingCertificateV2 (RFC 5035): the signer certificate's SHA-256 and its issuer and serial number. */
function signingCertificateV2(certificate: pkijs.Certificate, der: Uint8Array): asn1js.Sequence {
  const issuerSerial = new pkijs.IssuerSerial({
    issuer: new pkijs.GeneralNames({ names: [new pkijs.GeneralName({ type: 4, value: certificate.issuer })] }),
    serialNumber: certificate.serialNumber,
  });
  // ESSCertIDv2's hashAlgorithm defaults to SHA-256, so DER leaves it out.
  const certId = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: bufferOf(sha256(der)) }), issuerSerial.toSchema()],
  });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [certId] })] });
}

/** A SET OF in DER is sorted by the encodings of its members. */
function derSorted(attributes: pkijs.Attribute[]): pkijs.Attribute[] {
  const encoded = attributes.map((attribute) => ({ attribute, der: Buffer.from(attribute.toSchema().toBER()) }));
  return encoded.sort((a, b) => Buffer.compare(a.der, b.der)).map((e) => e.attribute);
}

/** The CMS SignedData (detached) over `content`, as DER. */
async function buildCms(
  content: Uint8Array,
  identity: SealIdentity,
  certificates: pkijs.Certificate[],
): Promise<Uint8Array> {
  const signerCertificate = certificates[0]!;
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({
      issuer: signerCertificate.issuer,
      serialNumber: signerCertificate.serialNumber,
    }),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({
      type: 0,
      attributes: derSorted([
        new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
        new pkijs.Attribute({
          type: OID.messageDigest,
          values: [new asn1js.OctetString({ valueHex: bufferOf(sha256(content)) })],
        }),
        new pkijs.Attribute({
          type: OID.signingCertificateV2,
          values: [signingCertificateV2(signerCertificate, identity.certificates[0]!)],
        }),
      ]),
    }),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    signerInfos: [signerInfo],
    certificates,
  });
  try {
    await signedData.sign(identity.privateKey, 0, 'SHA-256');
  } catch (error) {
    throw new InvalidInputError(
      `The seal cannot be used: signing with its key failed (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  const der = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) })
    .toSchema()
    .toBER();
  // Read back and verified as a reader would: a key that is not the certificate's is caught here, not by a reader.
  const check = pkijs.SignedData.fromBER(pkijs.ContentInfo.fromBER(der).content.toBER());
  const verified = await check.verify({ signer: 0, data: bufferOf(content) }).catch(() => false);
  if (!verified)
    throw new InvalidInputError('The seal cannot be used: its private key does not belong to its certificate.');
  return new Uint8Array(der);
}

/** Room for the CMS in /Contents: the certificates, the signed attributes and signature, and a margin. */
function contentsRoom(identity: SealIdentity): number {
  return identity.certificates.reduce((sum, der) => sum + der.byteLength, 0) + 4096;
}

/** The @signpdf signer: the CMS over the bytes it is given (the file but the /Contents hole). */
class CmsSigner extends Signer {
  constructor(
    private readonly identity: SealIdentity,
    private readonly certificates: pkijs.Certificate[],
  ) {
    super();
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return Buffer.from(await buildCms(pdfBuffer, this.identity, this.certificates));
  }
}

/** What addSealField checked and remembers for fillSeal. */
export interface PreparedSeal {
  identity: SealIdentity;
  certificates: pkijs.Certificate[];
}

/**
 * Adds the empty seal to a document about to be saved: a signature dictionary (ByteRange and /Contents to be filled
 * in), an invisible signature field on the first page, and the AcroForm's SigFlags. Checks the identity first.
 */
export function addSealField(pdf: PDFDocument, identity: SealIdentity, info: SealInfo): PreparedSeal {
  checkKey(identity.privateKey);
  if (identity.certificates.length === 0)
    throw new InvalidInputError('The seal cannot be used: it has no certificate.');
  const certificates = identity.certificates.map(parseCertificate);
  const { notBefore, notAfter } = certificates[0]!;
  if (info.signingTime < notBefore.value || info.signingTime > notAfter.value) {
    throw new InvalidInputError(
      `The seal cannot be used: its certificate is valid from ${notBefore.value.toISOString()} to ${notAfter.value.toISOString()}, not at ${info.signingTime.toISOString()}.`,
    );
  }
  const page = pdf.getPages()[0];
  if (!page) throw new InvalidInputError('This PDF cannot be sealed: it has no pages.');
  let form = pdf.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  const fields = form?.lookupMaybe(PDFName.of('Fields'), PDFArray);
  for (let i = 0; fields && i < fields.size(); i++) {
    const field = fields.lookup(i);
    if (field instanceof PDFDict && field.get(PDFName.of('FT')) === PDFName.of('Sig') && field.has(PDFName.of('V'))) {
      throw new InvalidInputError(
        'This PDF cannot be sealed: it is already signed, and sealing it would break that signature.',
      );
    }
  }

  const { context } = pdf;
  const placeholder = PDFName.of(DEFAULT_BYTE_RANGE_PLACEHOLDER);
  // Text strings as UTF-16 hex: any name or reason, Welsh included, and no escaping to get wrong.
  const signature = context.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: SUBFILTER_ETSI_CADES_DETACHED,
    // ByteRange before Contents: @signpdf looks for the /Contents after the ByteRange placeholder.
    ByteRange: [0, placeholder, placeholder, placeholder],
    Contents: PDFHexString.of('0'.repeat(2 * contentsRoom(identity))),
    M: PDFString.fromDate(info.signingTime),
    Name: PDFHexString.fromText(info.name),
    Reason: PDFHexString.fromText(info.reason),
    ...(info.location ? { Location: PDFHexString.fromText(info.location) } : {}),
    ...(info.contactInfo ? { ContactInfo: PDFHexString.fromText(info.contactInfo) } : {}),
  });
  const appearance = context.formXObject([], { BBox: [0, 0, 0, 0], Resources: {} });
  const widget: PDFRef = context.register(
    context.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      Rect: [0, 0, 0, 0],
      V: context.register(signature),
      T: PDFHexString.fromText('Seal'),
      // Print and Locked: an invisible field nobody edits.
      F: 4 | 128,
      P: page.ref,
      AP: { N: context.register(appearance) },
    }),
  );
  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray) ?? context.obj([]);
  annots.push(widget);
  page.node.set(PDFName.of('Annots'), annots);
  if (!form) {
    form = context.obj({ Fields: [] });
    pdf.catalog.set(PDFName.of('AcroForm'), context.register(form));
  }
  const flags = form.lookupMaybe(PDFName.of('SigFlags'), PDFNumber)?.asNumber() ?? 0;
  form.set(PDFName.of('SigFlags'), PDFNumber.of(flags | SIG_FLAGS.SIGNATURES_EXIST | SIG_FLAGS.APPEND_ONLY));
  const formFields = form.lookupMaybe(PDFName.of('Fields'), PDFArray) ?? context.obj([]);
  formFields.push(widget);
  form.set(PDFName.of('Fields'), formFields);
  return { identity, certificates };
}

/** Fills in the seal of a PDF saved (without object streams) after addSealField. The result must not change after. */
export async function fillSeal(saved: Uint8Array, prepared: PreparedSeal): Promise<Uint8Array> {
  try {
    const sealed = await new SignPdf().sign(
      Buffer.from(saved.buffer, saved.byteOffset, saved.byteLength),
      new CmsSigner(prepared.identity, prepared.certificates),
    );
    return new Uint8Array(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  } catch (error) {
    if (error instanceof DeskError) throw error;
    throw new InvalidInputError(
      `This PDF cannot be sealed (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
}

/** Adds a PAdES B-B signature over the whole file; the result must not be changed afterwards. */
export async function sealPdf(pdf: Uint8Array, identity: SealIdentity, info: SealInfo): Promise<Uint8Array> {
  let document: PDFDocument;
  try {
    document = await PDFDocument.load(pdf, { updateMetadata: false });
  } catch (error) {
    throw new InvalidInputError(
      `This PDF cannot be sealed: it cannot be read (${error instanceof Error ? error.message.slice(0, 120) : 'damaged'}).`,
    );
  }
  const prepared = addSealField(document, identity, info);
  // Without object streams, so the signature dictionary and its placeholders are plain bytes in the file.
  return fillSeal(await document.save({ useObjectStreams: false }), prepared);
}

// ---- Checking --------------------------------------------------------------------------------------------------

const WORKER_TAG = 'decision-desk/pdf-seal';

interface CheckJob {
  bytes: Uint8Array;
  maxStreamBytes: number;
  maxTotalBytes: number;
}

function emptyReport(problems: string[]): PdfSealReport {
  return {
    sealed: false,
    intact: false,
    coversWholeFile: false,
    signedAt: null,
    signer: null,
    chain: [],
    certificates: [],
    problems,
  };
}

const latin1 = (bytes: Uint8Array, from: number, to: number) =>
  Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString('latin1');

/** The certificates as DER, the signer first and then each one's issuer in turn, then any others. */
function chainOrder(signer: pkijs.Certificate | null, certificates: pkijs.Certificate[]): pkijs.Certificate[] {
  if (!signer) return certificates;
  const ordered = [signer];
  const rest = certificates.filter((c) => c !== signer);
  for (let current = signer; ;) {
    if (current.subject.isEqual(current.issuer)) break;
    const at = rest.findIndex((c) => c.subject.isEqual(current.issuer));
    if (at < 0) break;
    current = rest.splice(at, 1)[0]!;
    ordered.push(current);
  }
  return [...ordered, ...rest];
}

/** The check itself; runs in the worker. */
async function checkInWorker(job: CheckJob): Promise<PdfSealReport> {
  const { bytes } = job;
  const { lib, capped } = cappedPdfLib(import.meta.url, job.maxStreamBytes, job.maxTotalBytes);
  const {
    PDFArray: Arr,
    PDFDict: Dict,
    PDFDocument: Doc,
    PDFHexString: Hex,
    PDFName: Name,
    PDFNumber: Num,
    PDFString: Str,
  } = lib;
  const pdf = await Doc.load(bytes, { updateMetadata: false, ignoreEncryption: false });
  if (capped()) return emptyReport(['this PDF cannot be read: it is too large when decompressed']);

  // Every signature dictionary, wherever it is: a seal outside the form is still a seal.
  const signatures = pdf.context
    .enumerateIndirectObjects()
    .map(([, object]) => object)
    .filter(
      (object): object is PDFDict =>
        object instanceof Dict && object.has(Name.of('ByteRange')) && object.has(Name.of('Contents')),
    );
  if (signatures.length === 0) return emptyReport([NOT_SEALED]);

  const ranges = signatures.map((dict) => {
    const array = dict.lookupMaybe(Name.of('ByteRange'), Arr);
    const numbers = array?.asArray().map((n) => (n instanceof Num ? n.asNumber() : NaN)) ?? [];
    return {
      dict,
      range: numbers.length === 4 && numbers.every((n) => Number.isSafeInteger(n) && n >= 0) ? numbers : null,
    };
  });
  // The first seal made: any later signature or update comes after it in the file.
  ranges.sort(
    (a, b) => (a.range ? a.range[2]! + a.range[3]! : Infinity) - (b.range ? b.range[2]! + b.range[3]! : Infinity),
  );
  const { dict, range } = ranges[0]!;
  const problems: string[] = [];
  if (signatures.length > 1) problems.push(`the PDF has ${signatures.length} signatures where a sealed record has one`);

  const m = dict.lookup(Name.of('M'));
  let signedAt: string | null = null;
  try {
    if (m instanceof Str || m instanceof Hex) signedAt = m.decodeDate().toISOString();
  } catch {
    problems.push('the seal’s signing time cannot be read');
  }
  const subFilter = dict.lookupMaybe(Name.of('SubFilter'), Name)?.decodeText() ?? null;
  if (subFilter !== SUBFILTER_ETSI_CADES_DETACHED && subFilter !== 'adbe.pkcs7.detached') {
    problems.push(`the seal is of a kind this check does not read (${subFilter ?? 'no SubFilter'})`);
  }
  const report = (fields: Partial<PdfSealReport>): PdfSealReport => ({
    ...emptyReport(problems),
    sealed: true,
    signedAt,
    ...fields,
    problems,
  });

  // The hole: exactly the /Contents hex string, between the two signed ranges.
  const [start, firstLength, second, secondLength] = range ?? [];
  if (!range || start !== 0 || second! <= firstLength! + 1 || second! + secondLength! > bytes.byteLength) {
    problems.push('the seal’s byte range is not a range of this file, so it does not say what was sealed');
    return report({});
  }
  const holeBytes = second! - firstLength! - 2;
  if (holeBytes / 2 > MAX_SEAL_BYTES) {
    problems.push(
      `the seal cannot be read: its signature data is ${Math.round(holeBytes / 2 / 1024)} KB, more than any seal needs`,
    );
    return report({});
  }
  const hole = latin1(bytes, firstLength!, second!);
  if (!/^<[0-9A-Fa-f\s]*>$/.test(hole)) {
    problems.push('the seal’s byte range does not leave out exactly its signature data');
    return report({});
  }
  const cmsBytes = Buffer.from(hole.slice(1, -1).replace(/\s/g, ''), 'hex');
  const contents = dict.lookup(Name.of('Contents'));
  if (!(contents instanceof Hex || contents instanceof Str) || !Buffer.from(contents.asBytes()).equals(cmsBytes)) {
    problems.push('the seal’s byte range leaves out something other than its own signature data');
    return report({});
  }
  const appended = bytes.byteLength - (second! + secondLength!);
  const coversWholeFile = signatures.length === 1 && appended === 0;
  if (appended > 0)
    problems.push(
      `${CHANGED_AFTER_SEALING}: ${appended.toLocaleString('en-GB')} bytes were added after the sealed part`,
    );

  let signedData: pkijs.SignedData;
  try {
    const contentInfo = pkijs.ContentInfo.fromBER(bufferOf(cmsBytes));
    if (contentInfo.contentType !== OID.signedData) throw new Error('not SignedData');
    signedData = new pkijs.SignedData({ schema: contentInfo.content });
  } catch (error) {
    problems.push(
      `the seal cannot be read: its signature data is not a CMS signature (${error instanceof Error ? error.message.slice(0, 80) : 'damaged'})`,
    );
    return report({ coversWholeFile });
  }
  const embedded = (signedData.certificates ?? []).filter(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
  );

  const signed = Buffer.concat([bytes.subarray(0, firstLength), bytes.subarray(second, second! + secondLength!)]);
  let intact = false;
  let signerCertificate: pkijs.Certificate | null = null;
  try {
    const result = await signedData.verify({ signer: 0, data: bufferOf(signed), extendedMode: true });
    signerCertificate = result.signerCertificate ?? null;
    intact = result.signatureVerified === true;
    if (!intact) problems.push('the seal’s signature does not verify against its certificate: it is forged or damaged');
  } catch (error) {
    const failure = error as Partial<pkijs.SignedDataVerifyError> & { message?: string };
    signerCertificate = failure.signerCertificate ?? null;
    if (/message digest/i.test(failure.message ?? '')) problems.push(CHANGED_AFTER_SEALING);
    else if (failure.code === 3 || failure.code === 2)
      problems.push('the seal does not carry the certificate of whoever made it');
    else problems.push(`the seal’s signature cannot be checked (${(failure.message ?? 'damaged').slice(0, 120)})`);
  }

  const ordered = chainOrder(signerCertificate, embedded);
  const certificates = ordered.map((c) => new Uint8Array(c.toSchema().toBER()));
  const chain = certificates.map((der) => hex(sha256(der)));
  let signer: PdfSealReport['signer'] = null;
  if (signerCertificate) {
    // node:crypto's reading of the names: one attribute a line, in the certificate's order.
    const x509 = new X509Certificate(certificates[0]!);
    const name = (text: string) => text.split('\n').join(', ');
    signer = {
      subject: name(x509.subject),
      issuer: name(x509.issuer),
      serialNumber: x509.serialNumber.toLowerCase(),
      fingerprint: chain[0]!,
    };
  }
  return report({ intact, coversWholeFile, signer, chain, certificates });
}

answerInWorker(WORKER_TAG, checkInWorker, (report) => report.certificates.map((der) => der.buffer as ArrayBuffer));

/**
 * Checks the seal of a PDF from outside: the file is parsed in a bounded worker. Never throws for a bad file: what
 * is wrong is in `problems`. Trust in the chain (`certificates`) is for the caller to decide.
 */
export async function checkPdfSeal(pdf: Uint8Array, limits: Partial<PdfReadLimits> = {}): Promise<PdfSealReport> {
  const { maxStreamBytes, maxTotalBytes, maxHeapMb, timeLimitMs } = { ...PDF_READ_LIMITS, ...limits };
  try {
    return await runPdfWorker<PdfSealReport>(
      WORKER_TAG,
      import.meta.url,
      pdf,
      { maxStreamBytes, maxTotalBytes },
      { maxHeapMb, timeLimitMs },
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return emptyReport([`${message.replace(/\.$/, '').replace(/^This/, 'this')}, so its seal cannot be checked`]);
  }
}
