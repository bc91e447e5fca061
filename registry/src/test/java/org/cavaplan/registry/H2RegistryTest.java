package org.cavaplan.registry;

/** The registry's contract on embedded H2 (a file database per test). */
class H2RegistryTest extends RegistryContract {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.h2();
    }
}
