package dev.braid.security.bom;

import java.util.ArrayList;
import java.util.List;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.component.data.ComponentData;
import org.cyclonedx.model.component.data.Content;

/** Feature views a model used, as data components (see {@link FeatureVersions}). */
final class BomFeatures {
    private BomFeatures() {
    }

    static List<Component> components(List<FeatureVersions.FeatureUse> uses) {
        List<Component> out = new ArrayList<>();
        for (FeatureVersions.FeatureUse use : uses) {
            Component c = new Component();
            c.setType(Component.Type.DATA);
            c.setBomRef(use.id());
            c.setName(use.view());
            if (use.project() != null) {
                c.setGroup(use.project());
            }
            if (use.version() != null) {
                c.setVersion(use.version());
            }
            ComponentData d = new ComponentData();
            d.setType(ComponentData.ComponentDataType.DATASET);
            d.setName(use.view());
            Content contents = new Content();
            contents.setProperties(use.features().stream().map(f -> new Property("braid:feature", f)).toList());
            d.setContents(contents);
            c.setData(List.of(d));
            c.setProperties(List.of(new Property("braid:feature-view", use.view())));
            out.add(c);
        }
        return out;
    }

    static List<String> refs(List<FeatureVersions.FeatureUse> uses) {
        return uses.stream().map(FeatureVersions.FeatureUse::id).toList();
    }
}
