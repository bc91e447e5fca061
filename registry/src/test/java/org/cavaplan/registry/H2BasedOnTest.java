package org.cavaplan.registry;

/** Optimistic concurrency on embedded H2 (a file database per test). */
class H2BasedOnTest extends BasedOnContract {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.h2();
    }
}
