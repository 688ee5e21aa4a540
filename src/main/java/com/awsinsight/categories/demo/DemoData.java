package com.awsinsight.categories.demo;

import com.awsinsight.categories.domain.error.DomainException;
import com.awsinsight.categories.domain.error.ErrorCode;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.domain.model.Template;
import com.awsinsight.categories.domain.model.TemplateNode;
import com.awsinsight.categories.domain.ports.TemplateRepository;
import com.awsinsight.categories.services.migration.CategoryImport;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The demo organizations a local gateway starts with: {@value #ORGANIZATION} holds a cost-category
 * tree of four levels (several hundred categories); {@value #SECOND_ORGANIZATION} reuses some of the
 * same names, which makes tenant isolation visible. The templates' names are free in both, so
 * instantiating one works out of the box. Ids are derived from the names, so they are the same on every
 * start. The embedded store gets them with {@link #load}; a local run against DynamoDB only in the tables it created
 * ({@link #loadIntoNewTables}).
 */
public final class DemoData {
    public static final String ORGANIZATION = "demo-org";
    public static final String SECOND_ORGANIZATION = "demo-org-2";
    public static final String USER = "demo-user";

    private static final Instant CREATED = Instant.parse("2024-01-15T10:30:00Z");
    private static final List<String> ENVIRONMENTS = List.of("Production", "Staging", "Development");

    private static final Map<String, Map<String, List<String>>> TREE = tree();

    private DemoData() {
    }

    /**
     * Writes both demo organizations and the two demo templates into {@code store}, as a running gateway
     * leaves data: with name claims and the index mark (so {@code categoryByName("ec2")} finds "EC2").
     */
    public static void load(Store store) {
        List<Category> all = new ArrayList<>(categories(ORGANIZATION));
        all.addAll(secondOrganization());
        CategoryImport.write(store, all, Clock.systemUTC());
        TemplateRepository templates = store.templates(new StoreMetrics());
        templates().forEach(templates::put);
    }

    /** What {@link #loadIntoNewTables} wrote: the organizations written whole, and the template versions. */
    public record Loaded(List<String> organizations, int templates) {
        public Loaded {
            organizations = List.copyOf(organizations);
        }
    }

    /**
     * Loads the demo data for a local run against DynamoDB, into the tables that run has just created and nowhere
     * else: the organizations only when the categories table is new, the (shared) templates only when the templates
     * table is new. Every write is conditional and never overwrites an item ({@link CategoryImport#insertNew},
     * {@link TemplateRepository#insert}), so even a table that filled up meanwhile keeps what it holds.
     */
    public static Loaded loadIntoNewTables(Store store, boolean categoriesTableIsNew, boolean templatesTableIsNew) {
        List<String> organizations = List.of();
        if (categoriesTableIsNew) {
            List<Category> all = new ArrayList<>(categories(ORGANIZATION));
            all.addAll(secondOrganization());
            organizations = CategoryImport.insertNew(store, all, Clock.systemUTC());
        }
        int written = 0;
        if (templatesTableIsNew) {
            TemplateRepository templates = store.templates(new StoreMetrics());
            for (Template template : templates()) {
                try {
                    templates.insert(template);
                    written++;
                } catch (DomainException e) {
                    if (e.code() != ErrorCode.CONFLICT) {
                        throw e;
                    }
                }
            }
        }
        return new Loaded(organizations, written);
    }

    /** The main demo organization's categories, parents before children. */
    public static List<Category> categories(String organizationId) {
        List<Category> all = new ArrayList<>();
        int minute = 0;
        for (var root : TREE.entrySet()) {
            Category rootCategory = category(organizationId, root.getKey(), null, minute++);
            all.add(rootCategory);
            for (var service : root.getValue().entrySet()) {
                Category serviceCategory = category(organizationId, service.getKey(), rootCategory, minute++);
                all.add(serviceCategory);
                for (String item : service.getValue()) {
                    Category itemCategory = category(organizationId, item, serviceCategory, minute++);
                    all.add(itemCategory);
                    for (String environment : ENVIRONMENTS) {
                        all.add(category(organizationId, item + " · " + environment, itemCategory, minute++));
                    }
                }
            }
        }
        return all;
    }

    private static List<Category> secondOrganization() {
        List<Category> all = new ArrayList<>();
        Category infrastructure = category(SECOND_ORGANIZATION, "Infrastructure Costs", null, 0);
        Category compute = category(SECOND_ORGANIZATION, "Compute", infrastructure, 1);
        all.add(infrastructure);
        all.add(compute);
        all.add(category(SECOND_ORGANIZATION, "EC2", compute, 2));
        all.add(category(SECOND_ORGANIZATION, "Marketing", null, 3));
        return all;
    }

    public static List<Template> templates() {
        List<TemplateNode> baseline = List.of(
                node("Cloud Infrastructure",
                        node("Compute Services", node("Virtual Machines"), node("Containers"), node("Serverless")),
                        node("Storage Services", node("Object Storage"), node("Block Storage")),
                        node("Network Services", node("Inter-Region Transfer"), node("Load Balancing"))),
                node("Cloud Services",
                        node("Managed Databases"), node("Monitoring & Logging")));
        List<TemplateNode> baselineV2 = new ArrayList<>(baseline);
        baselineV2.add(node("Cloud Savings", node("Reservations"), node("Savings Plan Commitments")));
        List<TemplateNode> team = List.of(
                node("Team Costs", node("Salaries"), node("Contractors"), node("Learning & Development")),
                node("Team Tools", node("Licenses"), node("Subscriptions")));
        return List.of(
                new Template("tpl-cloud-baseline", 1, "Cloud cost baseline", "A starting tree for cloud spend",
                        "COST", null, baseline, CREATED, null),
                new Template("tpl-cloud-baseline", 2, "Cloud cost baseline", "Adds savings instruments",
                        "COST", null, baselineV2, CREATED.plusSeconds(86_400), null),
                new Template("tpl-team", 1, "Team budget", "People and their tools",
                        "BUDGET", null, team, CREATED, null));
    }

    /** The id a demo category gets: stable across starts, unique per organization and name. */
    public static String idOf(String organizationId, String name) {
        UUID uuid = UUID.nameUUIDFromBytes((organizationId + "/" + name).getBytes(StandardCharsets.UTF_8));
        return "cat-" + uuid;
    }

    private static Category category(String organizationId, String name, Category parent, int minute) {
        Instant at = CREATED.plusSeconds(60L * minute);
        return new Category(organizationId, idOf(organizationId, name), name, "Costs of " + name,
                parent == null ? null : parent.id(), Map.of("icon", "folder", "sortOrder", minute),
                at, at, USER, USER, true, 1);
    }

    private static TemplateNode node(String name, TemplateNode... children) {
        return new TemplateNode(name, null, null, List.of(children));
    }

    private static Map<String, Map<String, List<String>>> tree() {
        Map<String, Map<String, List<String>>> tree = new LinkedHashMap<>();
        tree.put("Infrastructure Costs", ordered(
                "Compute", List.of("EC2", "Lambda", "ECS", "EKS", "Fargate"),
                "Storage", List.of("S3", "EBS", "EFS", "Glacier"),
                "Networking", List.of("Data Transfer", "CloudFront", "NAT Gateway", "Load Balancers"),
                "Databases", List.of("RDS", "DynamoDB", "Aurora", "ElastiCache")));
        tree.put("Software & Licenses", ordered(
                "Productivity Suites", List.of("Office Suite", "Email & Calendar", "Video Conferencing"),
                "Developer Tools", List.of("Source Hosting", "CI Minutes", "IDE Licenses", "Artifact Registry"),
                "Design Tools", List.of("Design Seats", "Stock Imagery")));
        tree.put("Data & Analytics", ordered(
                "Warehousing", List.of("Redshift", "Athena", "Glue"),
                "Streaming", List.of("Kinesis", "MSK"),
                "Business Intelligence", List.of("QuickSight", "Dashboards Hosting")));
        tree.put("Security & Compliance", ordered(
                "Identity", List.of("Cognito", "Directory Service"),
                "Threat Detection", List.of("GuardDuty", "Security Hub", "Inspector"),
                "Key Management", List.of("KMS", "Secrets Manager", "Certificate Manager")));
        tree.put("Operations", ordered(
                "Monitoring", List.of("CloudWatch", "X-Ray", "Log Archive"),
                "Support Plans", List.of("Business Support", "Enterprise Support"),
                "Backup & Recovery", List.of("AWS Backup", "Snapshots", "Disaster Recovery")));
        tree.put("Personnel", ordered(
                "Engineering", List.of("Platform Team", "Product Engineering", "SRE On-Call"),
                "Training", List.of("Certifications", "Conferences")));
        return tree;
    }

    private static Map<String, List<String>> ordered(Object... pairs) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> items = (List<String>) pairs[i + 1];
            map.put((String) pairs[i], items);
        }
        return map;
    }
}
