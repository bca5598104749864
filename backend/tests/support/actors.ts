import User from '#models/user'
import { USERS, type WorldUser } from '#tests/support/world'

/** The world's account for a role, as a model for `loginAs`. */
export async function actor(name: WorldUser) {
  return User.findOrFail(USERS[name].id)
}
