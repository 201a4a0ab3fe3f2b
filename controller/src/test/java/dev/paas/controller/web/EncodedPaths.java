package dev.paas.controller.web;

import java.util.ArrayList;
import java.util.List;

/**
 * Spellings of a path that a lax server would route like the path itself: encoded letters (either hex case, and
 * encoded twice), an encoded or backslash separator, dot and empty segments, {@code ;} parameters, and control or
 * non-ASCII characters. Each must be refused with 400 before anything decides who the caller is.
 */
final class EncodedPaths {

    private EncodedPaths() {
    }

    static List<String> of(String path) {
        List<String> variants = new ArrayList<>();
        int letter = firstLetter(path, "abcdefghijklmnopqrstuvwxyz");
        if (letter >= 0) {
            variants.add(encode(path, letter, "%%%02x"));
            variants.add(encode(path, letter, "%%25%02x"));
        }
        int hexLetter = firstLetter(path, "jklmnoz");
        if (hexLetter >= 0) {
            variants.add(encode(path, hexLetter, "%%%02X"));
            variants.add(encode(path, hexLetter, "%%%02x"));
        }
        int slash = path.lastIndexOf('/');
        for (String separator : List.of("%2F", "%2f", "%5C", "\\", "/./", "/acl/../", "//", ";x=y/", "/%2E/",
                "/acl/%2e%2e/", "/%00/")) {
            variants.add(path.substring(0, slash) + separator + path.substring(slash + 1));
        }
        variants.add(path + ";x=y");
        variants.add(path + "%00");
        variants.add(path + "\u00e9");
        return variants;
    }

    private static int firstLetter(String path, String letters) {
        for (int i = 0; i < path.length(); i++) {
            if (letters.indexOf(path.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String encode(String path, int at, String format) {
        return path.substring(0, at) + String.format(format, (int) path.charAt(at)) + path.substring(at + 1);
    }
}
