package dev.paas.cli;

import java.util.List;

import dev.paas.api.UserView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "users", aliases = "users:list", mixinStandardHelpOptions = true,
        description = "List the platform's users and how many apps each owns (admins only).")
final class UsersCommand extends PaasCommand {

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        List<UserView> users = api().getList("/v1/users", UserView.class);
        if (json.print(out(), users)) {
            return 0;
        }
        Table table = new Table("USERNAME", "ADMIN", "APPS");
        users.forEach(u -> table.row(u.username(), u.admin() ? "yes" : "no", u.apps()));
        table.print(out());
        return 0;
    }
}
