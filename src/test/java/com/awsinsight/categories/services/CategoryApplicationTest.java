package com.awsinsight.categories.services;

import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.model.CategoryOrder;
import com.awsinsight.categories.domain.model.CategoryQuery;
import com.awsinsight.categories.domain.error.DomainException;
import com.awsinsight.categories.domain.error.ErrorCode;
import com.awsinsight.categories.domain.error.Field;
import com.awsinsight.categories.domain.model.Role;
import com.awsinsight.categories.store.memory.InMemoryStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application's typed API on the embedded store, without GraphQL or HTTP: commands in, records out,
 * failures as {@link DomainException}s that name the domain {@link Field} at fault (each edge names it in its
 * own vocabulary). Fast, and the place to test a rule first.
 */
class CategoryApplicationTest {
    private final CategoryApplication application = new CategoryApplication(new InMemoryStore(), Clock.systemUTC());
    private final String org = "org-" + UUID.randomUUID();

    private CallerSession editor() {
        return application.forCaller(new Caller(org, "editor-1", Role.EDITOR));
    }

    private Category create(String name, String parentId) {
        return editor().categories().create(new NewCategory(name, null, parentId, Map.of("icon", "folder")));
    }

    @Test
    void createsAndReadsBackThroughEverySession() {
        Category root = create("Infrastructure Costs", null);
        Category compute = create("Compute", root.id());

        CallerSession viewer = application.forCaller(new Caller(org, "viewer-1", Role.VIEWER));
        assertEquals(compute, viewer.categories().byId(compute.id()));
        assertEquals(compute.id(), viewer.categories().byName(" COMPUTE ").id());
        assertEquals(List.of(List.of(root)), viewer.reader().ancestorsOf(List.of(compute.id())));
        assertEquals(List.of(List.of(compute)), viewer.reader().childrenOf(List.of(root.id())));
        assertEquals("editor-1", compute.createdBy());
        assertEquals(1, compute.version());
    }

    @Test
    void failuresNameTheDomainFieldAtFault() {
        Category taken = create("Compute", null);

        DomainException blank = assertThrows(DomainException.class, () -> create("  ", null));
        DomainException clash = assertThrows(DomainException.class, () -> create("compute", null));
        DomainException parent = assertThrows(DomainException.class, () -> create("Child", "cat-missing"));
        DomainException stale = assertThrows(DomainException.class,
                () -> editor().categories().update(taken.id(), CategoryChanges.NONE.withDescription("x"), 7L));

        assertEquals(Field.NAME, blank.field());
        assertEquals(ErrorCode.BAD_USER_INPUT, blank.code());
        assertEquals(Field.NAME, clash.field());
        assertEquals(ErrorCode.CONFLICT, clash.code());
        assertEquals(Field.PARENT_ID, parent.field());
        assertEquals(ErrorCode.NOT_FOUND, parent.code());
        assertEquals(Field.EXPECTED_VERSION, stale.field());
        assertEquals("Category was changed by someone else; current version is 1", stale.getMessage());
    }

    @Test
    void updatesChangeOnlyWhatTheChangesName() {
        Category category = create("Storage", null);

        Category updated = editor().categories().update(category.id(), CategoryChanges.NONE.withDescription("Disks"), 1L);
        Category cleared = editor().categories().update(category.id(), CategoryChanges.NONE.withMetadata(null), null);

        assertEquals("Storage", updated.name());
        assertEquals("Disks", updated.description());
        assertEquals(Map.of("icon", "folder"), updated.metadata());
        assertEquals(2, updated.version());
        assertNull(cleared.metadata());
        assertEquals("Disks", cleared.description());
        assertEquals(3, cleared.version());
    }

    @Test
    void treeWritesKeepTheTreeWhole() {
        Category a = create("A", null);
        Category b = create("B", a.id());
        create("C", b.id());
        Category x = create("X", null);

        Category moved = editor().tree().move(b.id(), x.id(), null).category();
        DomainException underItself = assertThrows(DomainException.class, () -> editor().tree().move(x.id(), b.id(), null));
        DomainException needsCascade = assertThrows(DomainException.class, () -> editor().tree().delete(x.id(), false, null));
        Category deleted = editor().tree().delete(x.id(), true, null).category();

        assertEquals(x.id(), moved.parentId());
        assertEquals(Field.NEW_PARENT_ID, underItself.field());
        assertEquals("Cannot move a category under its own descendant: X › B", underItself.getMessage());
        assertEquals(Field.CASCADE, needsCascade.field());
        assertFalse(deleted.active());
        assertTrue(editor().categories().page(10, null, new CategoryQuery(null, null, false, false, CategoryOrder.NAME_ASC))
                .edges().stream().map(e -> e.node().name()).toList().equals(List.of("A")));
    }

    @Test
    void viewersCannotWriteAndAdminsAloneRepair() {
        CallerSession viewer = application.forCaller(new Caller(org, "viewer-1", Role.VIEWER));

        DomainException write = assertThrows(DomainException.class,
                () -> viewer.categories().create(new NewCategory("Nope", null, null, null)));
        DomainException repair = assertThrows(DomainException.class, () -> editor().repair().run(false));

        assertEquals(ErrorCode.FORBIDDEN, write.code());
        assertEquals(ErrorCode.FORBIDDEN, repair.code());
    }
}
