package place.career.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The {@code images} field of a kustomization: new name, tag or digest for matching images. */
final class ImageOverride {

    private ImageOverride() {}

    static void apply(JsonNode object, JsonNode image) {
        JsonNode podSpec = object.path("spec").path("template").path("spec");
        for (String list : new String[] {"containers", "initContainers"}) {
            for (JsonNode container : podSpec.path(list)) {
                String current = container.path("image").asText();
                if (nameOf(current).equals(image.path("name").asText())) {
                    ((ObjectNode) container).put("image", rewrite(current, image));
                }
            }
        }
    }

    private static String rewrite(String current, JsonNode image) {
        String name = image.hasNonNull("newName") ? image.get("newName").asText() : nameOf(current);
        if (image.hasNonNull("digest")) {
            return name + "@" + image.get("digest").asText();
        }
        String tag = image.hasNonNull("newTag") ? image.get("newTag").asText() : tagOf(current);
        return tag == null ? name : name + ":" + tag;
    }

    /** Returns the image without tag or digest; a colon before the last slash belongs to a port. */
    private static String nameOf(String image) {
        int at = image.indexOf('@');
        String withoutDigest = at >= 0 ? image.substring(0, at) : image;
        int colon = withoutDigest.lastIndexOf(':');
        return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(0, colon) : withoutDigest;
    }

    private static String tagOf(String image) {
        String name = nameOf(image);
        return image.length() > name.length() && image.charAt(name.length()) == ':'
                ? image.substring(name.length() + 1)
                : null;
    }
}
