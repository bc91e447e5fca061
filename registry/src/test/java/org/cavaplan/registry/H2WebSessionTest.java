package org.cavaplan.registry;

/** Web sessions and the login lockout on embedded H2. */
class H2WebSessionTest extends WebSessionContract {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.h2();
    }
}
