package org.solrtoolkit.wire;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.xml.crypto.AlgorithmMethod;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.KeySelectorException;
import javax.xml.crypto.KeySelectorResult;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.XMLCryptoContext;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.keyinfo.X509Data;
import javax.xml.crypto.dsig.keyinfo.X509IssuerSerial;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.cert.X509CertificateHolder;
import org.solrtoolkit.pki.Crypto;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The XML signature of a DUIS message (domain.md section 6), made and checked with the JDK's
 * {@code javax.xml.crypto}: enveloped ({@code Reference URI=""}, the enveloped-signature transform),
 * exclusive canonicalisation, ECDSA-SHA256, a SHA-256 digest, the signer named by
 * {@code KeyInfo/X509Data/X509IssuerSerial}; the {@code ds:Signature} is the last child of the
 * root. The ECDSA itself runs on the provider {@link Crypto} chooses.
 */
public final class DuisSignature {

    /** The issuer and serial number a signature names its signer by. */
    public record Signer(X500Principal issuer, BigInteger serial) {

        /**
         * Who a signature by {@code certificate} names: its issuer and serial number. Read once per
         * certificate object (an exchange has a few signers and a message per meter).
         */
        public static Signer of(X509CertificateHolder certificate) {
            Signer known = NAMED.get(certificate);
            if (known == null) {
                try {
                    known = new Signer(new X500Principal(certificate.getIssuer().getEncoded()),
                            certificate.getSerialNumber());
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("a certificate's issuer name always encodes", e);
                }
                bounded(NAMED).put(certificate, known);
            }
            return known;
        }

        /** The signer a KeyInfo's X509IssuerSerial names (the issuer's name parsed once per name). */
        static Signer named(String issuer, BigInteger serial) {
            X500Principal p = ISSUERS.get(issuer);
            if (p == null) {
                p = new X500Principal(issuer);
                bounded(ISSUERS).put(issuer, p);
            }
            return new Signer(p, serial);
        }

        /** Whether this is {@code certificate}'s issuer and serial number. */
        public boolean names(X509CertificateHolder certificate) {
            return equals(of(certificate));
        }

        @Override
        public String toString() {
            return issuer.getName() + " serial " + serial.toString(16).toUpperCase(java.util.Locale.ROOT);
        }
    }

    private static final String PROVIDER_PROPERTY = "org.jcp.xml.dsig.internal.dom.SignatureProvider";
    private static final XMLSignatureFactory FACTORY = XMLSignatureFactory.getInstance("DOM");
    /**
     * The digest method, the same in every DUIS signature and stateless. Not the transforms, the
     * canonicalisation or the signature method: the JDK's keep the element or the
     * {@link java.security.Signature} of their last use, so each signature gets its own.
     */
    private static final DigestMethod SHA256;

    static {
        try {
            SHA256 = FACTORY.newDigestMethod(DigestMethod.SHA256, null);
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Per signing certificate: the signer it names and the KeyInfo naming it (both immutable). */
    private static final java.util.Map<X509CertificateHolder, Signer> NAMED = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.Map<X509CertificateHolder, KeyInfo> KEY_INFOS =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.Map<String, X500Principal> ISSUERS = new java.util.concurrent.ConcurrentHashMap<>();

    /** A cache of a few entries (signers of an exchange), emptied rather than grown past 256. */
    private static <K, V> java.util.Map<K, V> bounded(java.util.Map<K, V> cache) {
        if (cache.size() > 256) {
            cache.clear();
        }
        return cache;
    }

    private static final java.util.Map<X509CertificateHolder, Key> SIGNER_KEYS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private DuisSignature() {
    }

    /** Signs {@code doc} with {@code key}, naming {@code certificate} (the signer's XML-signing certificate). */
    static void sign(Document doc, PrivateKey key, X509CertificateHolder certificate) {
        try {
            // a Reference keeps the digest it computes: one per signature
            Reference ref = FACTORY.newReference("", SHA256, Collections.singletonList(FACTORY.newTransform(
                    Transform.ENVELOPED, (TransformParameterSpec) null)), null, null);
            SignedInfo si = FACTORY.newSignedInfo(FACTORY.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE,
                    (C14NMethodParameterSpec) null), FACTORY.newSignatureMethod(SignatureMethod.ECDSA_SHA256, null),
                    Collections.singletonList(ref));
            KeyInfo ki = KEY_INFOS.get(certificate);
            if (ki == null) {
                KeyInfoFactory kif = FACTORY.getKeyInfoFactory();
                Signer signer = Signer.of(certificate);
                X509Data data = kif.newX509Data(List.of(kif.newX509IssuerSerial(signer.issuer().getName(),
                        signer.serial())));
                ki = kif.newKeyInfo(List.of(data));
                bounded(KEY_INFOS).put(certificate, ki);
            }
            DOMSignContext ctx = new DOMSignContext(Crypto.signingKey(key), doc.getDocumentElement());
            ctx.setDefaultNamespacePrefix("ds");
            ctx.setProperty(PROVIDER_PROPERTY, Crypto.ecdsa());
            FACTORY.newXMLSignature(si, ki).sign(ctx);
        } catch (GeneralSecurityException | MarshalException | XMLSignatureException e) {
            throw new DuisException(DuisException.Code.BAD_SIGNATURE, "cannot sign the DUIS message: " + e.getMessage(), e);
        }
    }

    /**
     * Checks the one enveloped signature of {@code doc} with the certificate {@code certificates}
     * finds for its issuer and serial; returns that signer. No signature, more than one, an unknown
     * signer or a signature that does not verify are one line each naming {@code file}.
     */
    static Signer verify(Document doc, Function<Signer, Optional<X509CertificateHolder>> certificates, String file) {
        NodeList signatures = doc.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature");
        if (signatures.getLength() != 1) {
            throw new DuisException(DuisException.Code.BAD_SIGNATURE, file + " has " + signatures.getLength()
                    + " XML signatures; a DUIS message has exactly one");
        }
        if (signatures.item(0).getParentNode() != doc.getDocumentElement()) {
            throw new DuisException(DuisException.Code.BAD_SIGNATURE, file + ": the XML signature is not enveloped by the"
                    + " root element");
        }
        Selector selector = new Selector(certificates);
        DOMValidateContext ctx = new DOMValidateContext(selector, signatures.item(0));
        ctx.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
        ctx.setProperty(PROVIDER_PROPERTY, Crypto.ecdsa());
        try {
            XMLSignature signature = FACTORY.unmarshalXMLSignature(ctx);
            List<?> refs = signature.getSignedInfo().getReferences();
            if (refs.size() != 1 || !"".equals(((Reference) refs.get(0)).getURI())) {
                throw new DuisException(DuisException.Code.BAD_SIGNATURE, file + ": the XML signature does not sign the"
                        + " whole message (one Reference with URI=\"\")");
            }
            if (!signature.validate(ctx)) {
                throw new DuisException(DuisException.Code.BAD_SIGNATURE, file + ": the XML signature of " + selector.signer
                        + " does not verify (the message was changed after signing, or signed with another key)");
            }
            return selector.signer;
        } catch (MarshalException e) {
            throw new DuisException(DuisException.Code.BAD_SIGNATURE, file + ": the XML signature cannot be read: "
                    + e.getMessage(), e);
        } catch (XMLSignatureException e) {
            if (e.getCause() instanceof KeySelectorException k && k.getCause() instanceof DuisException d) {
                throw d;
            }
            throw new DuisException(DuisException.Code.BAD_SIGNATURE, file + ": the XML signature cannot be checked: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The ECDSA provider's key for a signer's certificate, made once per certificate: an exchange has
     * a few signers (a supplier's user ids, the DSP) and a message per meter, and decoding the point
     * and translating it for the provider cost more than a hash of the certificate. Keyed by the
     * certificate itself; bounded.
     */
    private static Key verifyingKey(X509CertificateHolder certificate) {
        Key known = SIGNER_KEYS.get(certificate);
        if (known == null) {
            known = Crypto.verifyingKey(org.solrtoolkit.pki.Gbcs.publicKey(certificate));
            bounded(SIGNER_KEYS).put(certificate, known);
        }
        return known;
    }

    /** Finds the signer's public key from the KeyInfo's X509IssuerSerial. */
    private static final class Selector extends KeySelector {
        private final Function<Signer, Optional<X509CertificateHolder>> certificates;
        private Signer signer;

        Selector(Function<Signer, Optional<X509CertificateHolder>> certificates) {
            this.certificates = certificates;
        }

        @Override
        public KeySelectorResult select(KeyInfo keyInfo, Purpose purpose, AlgorithmMethod method,
                XMLCryptoContext context) throws KeySelectorException {
            if (keyInfo != null) {
                for (Object o : keyInfo.getContent()) {
                    if (o instanceof X509Data data) {
                        for (Object d : data.getContent()) {
                            if (d instanceof X509IssuerSerial s) {
                                Signer named = Signer.named(s.getIssuerName(), s.getSerialNumber());
                                signer = named;
                                X509CertificateHolder c = certificates.apply(named).orElseThrow(() -> new KeySelectorException(
                                        new DuisException(DuisException.Code.UNKNOWN_SIGNER, "the XML signature names "
                                                + named + ", a certificate not known here")));
                                Key key;
                                try {
                                    key = verifyingKey(c);
                                } catch (org.solrtoolkit.pki.PkiException e) {
                                    throw new KeySelectorException(new DuisException(DuisException.Code.UNKNOWN_SIGNER,
                                            "the signer's certificate has no EC key: " + e.getMessage(), e));
                                }
                                return () -> key;
                            }
                        }
                    }
                }
            }
            throw new KeySelectorException(new DuisException(DuisException.Code.BAD_SIGNATURE,
                    "the XML signature names no X509IssuerSerial"));
        }
    }
}
