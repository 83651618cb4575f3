import { Link, NavLink, Outlet } from 'react-router';
import { adminSections } from './sections';

export function AdminLayout() {
  return (
    <div className="admin">
      <aside className="admin-sidebar">
        <div className="admin-sidebar__inner">
          <Link className="admin-brand" to="/admin">
            <span className="brand__mark" aria-hidden="true">
              mi
            </span>
            <span>
              marketgate <span className="admin-brand__sub">admin</span>
            </span>
          </Link>
          <nav aria-label="Admin">
            <ul className="admin-nav">
              <li>
                <NavLink to="/admin" end className="admin-nav__link">
                  Overview
                </NavLink>
              </li>
              {adminSections.map((section) => (
                <li key={section.path}>
                  <NavLink to={`/admin/${section.path}`} className="admin-nav__link" title={section.summary}>
                    {section.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <Link className="admin-sidebar__store" to="/">
            ← Storefront
          </Link>
        </div>
      </aside>
      <main className="admin-main">
        <Outlet />
      </main>
    </div>
  );
}
