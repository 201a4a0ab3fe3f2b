package dev.paas.controller.user;

import java.util.List;

import dev.paas.api.UserView;
import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** The queries only user administration needs, kept apart from the sign-in path's {@link UserRepository}. */
interface UserAdminRepository extends Repository<User, Long> {

    @Query("select new dev.paas.api.UserView(u.username, u.admin, count(a)) from User u"
            + " left join App a on a.owner = u group by u.id, u.username, u.admin order by u.username")
    List<UserView> listWithAppCounts();

    @Query("select a.name from App a where a.owner = :user order by a.name")
    List<String> appsOwnedBy(User user);

    /** Locks every admin's row until the transaction ends, so two admins cannot remove each other at once. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select u from User u where u.admin = true")
    List<User> lockAdmins();
}
