package org.solrtoolkit.pki;

import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * A Root OCA with the Issuing OCA and DCA under it and its Contingency Key Pair (SEC L10.30(e),
 * {@link ContingencyKey}): what {@code pki init} and {@code pki renew-root} make. The contingency
 * private key and the symmetric key that unwraps its public key from the Root certificate are the
 * DCC's, kept in their own keystore ({@code ca/contingency.p12}) under aliases named by the Root's
 * SKI, so the keys for every Root a meter may still hold stay at hand.
 */
record RootMaterial(KeyPair rootKeys, X509CertificateHolder root, KeyPair ocaKeys, X509CertificateHolder oca,
        KeyPair dcaKeys, X509CertificateHolder dca, KeyPair contingency, X509CertificateHolder contingencyHolder,
        SecretKey wrap) {

    static final String CONTINGENCY_KEYSTORE = "contingency.p12";

    /**
     * @param generation 1 for {@code pki init}'s; each {@code pki renew-root} the next, in the CAs'
     *     names ("Test Root OCA 2") so that no two CAs share a subject
     */
    static RootMaterial create(CertificateIssuer issuer, int generation) {
        String n = generation == 1 ? "" : " " + generation;
        String rootName = "Test Root OCA" + n;
        KeyPair rootKeys = issuer.newKeyPair();
        KeyPair ocaKeys = issuer.newKeyPair();
        KeyPair dcaKeys = issuer.newKeyPair();
        KeyPair contingency = issuer.newKeyPair();
        SecretKey wrap = ContingencyKey.newWrappingKey();
        X509CertificateHolder root = issuer.root(rootName, rootKeys, SmkiEnvironment.ANY_POLICY,
                Duration.ofDays(365L * 30), ContingencyKey.wrappedExtension(contingency, wrap));
        X509CertificateHolder oca = issuer.issuingCa("Test Issuing OCA" + n, ocaKeys.getPublic(), root,
                rootKeys.getPrivate(), SmkiEnvironment.ANY_POLICY, Duration.ofDays(365L * 20));
        X509CertificateHolder dca = issuer.issuingCa("Test Issuing DCA" + n, dcaKeys.getPublic(), root,
                rootKeys.getPrivate(), SmkiEnvironment.ANY_POLICY, Duration.ofDays(365L * 20));
        X509CertificateHolder holder = issuer.holder("Contingency key of " + rootName, contingency,
                Duration.ofDays(365L * 30));
        return new RootMaterial(rootKeys, root, ocaKeys, oca, dcaKeys, dca, contingency, holder, wrap);
    }

    String rootSki() {
        return new CertificateInspector().inspect(root).ski();
    }

    /** The CA keystore's entries: the Root, the Issuing OCA and the Issuing DCA. */
    void putCaEntries(Map<String, Keystores.Entry> entries) {
        entries.put(PkiService.ROOT_ALIAS, new Keystores.Entry(rootKeys.getPrivate(), List.of(root)));
        entries.put(PkiService.OCA_ALIAS, new Keystores.Entry(ocaKeys.getPrivate(), List.of(oca, root)));
        entries.put(PkiService.DCA_ALIAS, new Keystores.Entry(dcaKeys.getPrivate(), List.of(dca, root)));
    }

    /** The contingency keystore's entries for this Root. */
    void putContingency(Map<String, Keystores.Entry> entries, Map<String, SecretKey> secrets) {
        entries.put(ContingencyKey.alias(rootSki()), new Keystores.Entry(contingency.getPrivate(),
                List.of(contingencyHolder)));
        secrets.put(ContingencyKey.unwrapAlias(rootSki()), wrap);
    }

    /** The three CA certificates by alias. */
    Map<String, X509CertificateHolder> caCertificates() {
        return Map.of(PkiService.ROOT_ALIAS, root, PkiService.OCA_ALIAS, oca, PkiService.DCA_ALIAS, dca);
    }
}
