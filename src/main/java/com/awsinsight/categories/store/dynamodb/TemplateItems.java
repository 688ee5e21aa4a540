package com.awsinsight.categories.store.dynamodb;

import com.awsinsight.categories.domain.model.Template;
import com.awsinsight.categories.domain.model.TemplateNode;
import com.awsinsight.categories.domain.model.Timestamps;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.awsinsight.categories.store.dynamodb.ItemMapper.CREATED_AT;
import static com.awsinsight.categories.store.dynamodb.ItemMapper.ORGANIZATION_ID;
import static com.awsinsight.categories.store.dynamodb.ItemMapper.TEMPLATE_ID;
import static com.awsinsight.categories.store.dynamodb.ItemMapper.TEMPLATE_TYPE;
import static com.awsinsight.categories.store.dynamodb.ItemMapper.VERSION;
import static com.awsinsight.categories.store.dynamodb.ItemMapper.fromAttribute;
import static com.awsinsight.categories.store.dynamodb.ItemMapper.instant;
import static com.awsinsight.categories.store.dynamodb.ItemMapper.n;
import static com.awsinsight.categories.store.dynamodb.ItemMapper.putIfPresent;
import static com.awsinsight.categories.store.dynamodb.ItemMapper.s;
import static com.awsinsight.categories.store.dynamodb.ItemMapper.str;

/**
 * Templates as items of the Node service's templates table (templateId, version, templateType, name,
 * description, expiresAt), with the tree of definitions as a list attribute {@code categories} and an optional
 * {@code organizationId} that makes a template private to one organization. A private template keeps its type in
 * {@value #PRIVATE_TYPE} instead of {@code templateType}, which keeps it out of TemplateTypeIndex (the shared
 * catalog, which the Node service reads too), and carries {@value #TYPE_VERSION}
 * ({@code <type>#<2147483647 - version, 10 digits>}), the sort key of its organization's index: by type, newest
 * version first. The Node service's templates (no owner) need nothing new.
 */
final class TemplateItems {
    static final String PRIVATE_TYPE = "privateTemplateType";
    static final String TYPE_VERSION = "typeVersion";

    private TemplateItems() {
    }

    /** The sort key of a private template in its organization's index. */
    static String typeVersion(String templateType, int version) {
        return templateType + "#" + String.format("%010d", Integer.MAX_VALUE - (long) version);
    }

    static Map<String, AttributeValue> toItem(Template t) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(TEMPLATE_ID, s(t.id()));
        item.put(VERSION, n(t.version()));
        if (t.organizationId() == null) {
            item.put(TEMPLATE_TYPE, s(t.templateType()));
        } else {
            item.put(ORGANIZATION_ID, s(t.organizationId()));
            item.put(PRIVATE_TYPE, s(t.templateType()));
            item.put(TYPE_VERSION, s(typeVersion(t.templateType(), t.version())));
        }
        item.put("name", s(t.name()));
        putIfPresent(item, "description", t.description());
        item.put("categories", AttributeValue.fromL(t.categories().stream().map(TemplateItems::toAttribute).toList()));
        if (t.createdAt() != null) {
            item.put(CREATED_AT, s(Timestamps.format(t.createdAt())));
        }
        if (t.expiresAt() != null) {
            item.put("expiresAt", n(t.expiresAt().getEpochSecond()));
        }
        return item;
    }

    static Template toTemplate(Map<String, AttributeValue> item) {
        AttributeValue categories = item.get("categories");
        List<TemplateNode> nodes = categories == null || !categories.hasL() ? List.of()
                : categories.l().stream().map(TemplateItems::toNode).toList();
        AttributeValue expiresAt = item.get("expiresAt");
        return new Template(
                str(item.get(TEMPLATE_ID)),
                Integer.parseInt(item.get(VERSION).n()),
                item.containsKey("name") ? str(item.get("name")) : str(item.get(TEMPLATE_ID)),
                str(item.get("description")),
                item.containsKey(TEMPLATE_TYPE) ? str(item.get(TEMPLATE_TYPE)) : str(item.get(PRIVATE_TYPE)),
                str(item.get(ORGANIZATION_ID)),
                nodes,
                item.containsKey(CREATED_AT) ? instant(item.get(CREATED_AT)) : null,
                expiresAt == null || expiresAt.n() == null ? null : Instant.ofEpochSecond(Long.parseLong(expiresAt.n())));
    }

    static AttributeValue toAttribute(TemplateNode node) {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        map.put("name", s(node.name()));
        putIfPresent(map, "description", node.description());
        if (node.metadata() != null) {
            map.put("metadata", ItemMapper.toAttribute(node.metadata()));
        }
        map.put("children", AttributeValue.fromL(node.children().stream().map(TemplateItems::toAttribute).toList()));
        return AttributeValue.fromM(map);
    }

    @SuppressWarnings("unchecked")
    private static TemplateNode toNode(AttributeValue value) {
        Map<String, AttributeValue> map = value.m();
        AttributeValue children = map.get("children");
        Object metadata = fromAttribute(map.get("metadata"));
        return new TemplateNode(str(map.get("name")), str(map.get("description")),
                metadata instanceof Map<?, ?> m ? (Map<String, Object>) m : null,
                children == null || !children.hasL() ? List.of() : children.l().stream().map(TemplateItems::toNode).toList());
    }

}
