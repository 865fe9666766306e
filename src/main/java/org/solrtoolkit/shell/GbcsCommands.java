package org.solrtoolkit.shell;

import java.util.List;
import org.solrtoolkit.wire.GbcsDecoder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/**
 * {@code gbcs decode}: what a GBCS message says, its signature checked with the certificates this
 * database holds (issue 16); without a database it says what could not be checked.
 */
@Command(command = "gbcs", group = "Wire formats (DUIS, GBCS)")
public class GbcsCommands {

    private final ObjectProvider<ToolkitConfiguration.Smki> pki;
    private final ToolkitConfiguration.DatabaseHolder db;

    GbcsCommands(ObjectProvider<ToolkitConfiguration.Smki> pki, ToolkitConfiguration.DatabaseHolder db) {
        this.pki = pki;
        this.db = db;
    }

    @Command(command = "decode", description = "What a GBCS message says (hex, base64 or a file), its signature"
            + " checked where the originator's certificate is known")
    String decode(@Option(longNames = "message", required = true, description = "hex or base64, or a file holding"
            + " them or the raw octets") String message,
            @Option(longNames = "format", defaultValue = "table", description = "table (text) or json") String format) {
        GbcsDecoder.Decoded d = decoder(pki, db).decode(WireText.octets(message));
        return WireText.verdict(d.fields(), d.signatureFailed(), format, "the GBCS signature does not verify with"
                + " the originator's certificates known here");
    }

    /** Originators' DS certificates from this database, when there is one. */
    static GbcsDecoder decoder(ObjectProvider<ToolkitConfiguration.Smki> pki, ToolkitConfiguration.DatabaseHolder db) {
        return new GbcsDecoder(eui -> db.exists() ? pki.getObject().pki().signingCertificates(eui) : List.of());
    }
}
