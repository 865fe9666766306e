package org.solrtoolkit.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The files of DUIS messages an import is given (a DCC adapter's folders), for {@link DuisImport}
 * and {@link ProtectiveDuis}.
 */
final class ResponseFiles {

    private ResponseFiles() {
    }

    /**
     * The files {@code inputs} name: a file itself, a folder's {@code .xml} files in name order. A
     * folder's files are held as their names and resolved when read, so the list of a DCC adapter's
     * folder of a million responses takes a third of the memory of as many {@link Path}s.
     */
    static List<Path> expand(List<Path> inputs) {
        List<Path> dirs = new ArrayList<>();
        List<String[]> names = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    String[] xml = s.map(x -> x.getFileName().toString()).filter(x -> x.endsWith(".xml"))
                            .toArray(String[]::new);
                    Arrays.sort(xml);
                    dirs.add(p);
                    names.add(xml);
                } catch (IOException e) {
                    throw new CampaignException(CampaignException.Code.IO, p + " cannot be listed: " + e.getMessage());
                }
            } else if (Files.isRegularFile(p)) {
                dirs.add(null);
                names.add(new String[] {p.toString()});
            } else {
                throw new CampaignException(CampaignException.Code.BAD_INPUT, p + " is neither a file nor a folder of"
                        + " DUIS responses");
            }
        }
        int[] starts = new int[names.size() + 1];
        for (int i = 0; i < names.size(); i++) {
            starts[i + 1] = Math.addExact(starts[i], names.get(i).length);
        }
        return new AbstractList<>() {
            @Override
            public Path get(int index) {
                Objects.checkIndex(index, starts[starts.length - 1]);
                int at = Arrays.binarySearch(starts, index);
                int part = at >= 0 ? at : -at - 2;
                while (starts[part + 1] == starts[part]) { // an empty folder shares its start with the next input
                    part++;
                }
                String name = names.get(part)[index - starts[part]];
                return dirs.get(part) == null ? Path.of(name) : dirs.get(part).resolve(name);
            }

            @Override
            public int size() {
                return starts[starts.length - 1];
            }
        };
    }
}
