package dev.paas.agent.docker;

/**
 * An image reference split the way Docker's pull API wants it: {@code 127.0.0.1:5000/hello:v1} is repository
 * {@code 127.0.0.1:5000/hello} and tag {@code v1}. The colon of a registry port is not a tag separator.
 */
record ImageRef(String repository, String tag) {

    static ImageRef parse(String image) {
        int at = image.indexOf('@');
        if (at >= 0) {
            return new ImageRef(image.substring(0, at), image.substring(at + 1));
        }
        int colon = image.lastIndexOf(':');
        if (colon > image.lastIndexOf('/')) {
            return new ImageRef(image.substring(0, colon), image.substring(colon + 1));
        }
        return new ImageRef(image, "latest");
    }
}
