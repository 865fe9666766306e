package org.solrtoolkit.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.solrtoolkit.wire.DuisInspector;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/**
 * {@code duis show}: what a DUIS request or response says, its XML signature and GBCS payload
 * checked with the certificates this database holds (issue 16).
 */
@Command(command = "duis", group = "Wire formats (DUIS, GBCS)")
public class DuisCommands {

    private final ObjectProvider<ToolkitConfiguration.Smki> pki;
    private final ToolkitConfiguration.DatabaseHolder db;

    DuisCommands(ObjectProvider<ToolkitConfiguration.Smki> pki, ToolkitConfiguration.DatabaseHolder db) {
        this.pki = pki;
        this.db = db;
    }

    @Command(command = "show", description = "What a DUIS request or response says, its XML signature and GBCS"
            + " payload checked where the signers' certificates are known")
    String show(@Option(longNames = "file", required = true, description = "a DUIS XML file") String file,
            @Option(longNames = "format", defaultValue = "table", description = "table (text) or json") String format) {
        byte[] xml;
        try {
            xml = Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            throw new UsageException("--file " + file + " cannot be read: " + e.getMessage());
        }
        DuisInspector.Shown s = new DuisInspector(serial -> db.exists() ? pki.getObject().pki().certificateBySerial(serial)
                : Optional.empty(), GbcsCommands.decoder(pki, db)).show(xml, file);
        return WireText.verdict(s.fields(), s.signatureFailed(), format, file + ": a signature does not verify");
    }
}
